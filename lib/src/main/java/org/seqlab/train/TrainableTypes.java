package org.seqlab.train;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Reads the batch type {@code B} a model class declares by implementing {@code Trainable<B>}. */
final class TrainableTypes {
    private TrainableTypes() {}

    /** The class {@code B} of {@code Trainable<B>} in {@code type}'s hierarchy, or null when it is not a class. */
    static Class<?> batchType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Trainable.class) {
                    Type b = p.getActualTypeArguments()[0];
                    if (b instanceof Class<?> k) return k;
                    if (b instanceof ParameterizedType pb && pb.getRawType() instanceof Class<?> k) return k;
                    return null;
                }
            }
        }
        return null;
    }
}
