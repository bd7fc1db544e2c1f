package org.seqlab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries a cell's variables over when JShell replaces the class that holds them.
 *
 * <p>JShell keeps each top-level variable in a static field of a wrapper class ({@code REPL.$JShell$12}). When a
 * later cell changes something that wrapper's code uses (redefines a method it called, a class, a variable's
 * type), JShell recompiles the wrapper. If the new class cannot be redefined in place, JShell loads it under a
 * new name ({@code REPL.$JShell$12B}) and does not run the declaration again, so the variable would start over at
 * {@code null} or 0: the way IJava loses a learner's variables. This class copies each non-final static field of
 * the old wrapper into the new one when the value still fits the field's type, and records the ones that do not
 * fit (their type itself was redefined) so the cell can say which variables were reset.
 *
 * <p>Only the cells' top-level wrapper classes are handled: their static fields are the learner's variables.
 * Static fields of classes a learner declares start afresh when the class is replaced, as Java would.
 */
final class KeptVariables {
    /** A top-level wrapper: {@code REPL.$JShell$} + snippet number + replacement letters, nothing nested. */
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$(\\d+)([A-Z]*)");

    /** A variable whose value could not be carried over, and why. */
    record Reset(String name, String oldType, String newType) {}

    /** Latest loaded wrapper class for each snippet number. */
    private final Map<String, Class<?>> latest = new HashMap<>();
    private final List<Reset> resets = new ArrayList<>();

    /** The snippet number of a wrapper class name, or null when the name is not a top-level wrapper. */
    static String snippetNumber(String className) {
        Matcher m = WRAPPER.matcher(className);
        return m.matches() ? m.group(1) : null;
    }

    /** Records a freshly loaded class; if it replaces an earlier wrapper of the same snippet, copies the values. */
    void loaded(Class<?> klass) {
        String number = snippetNumber(klass.getName());
        if (number == null) return;
        Class<?> previous = latest.put(number, klass);
        if (previous != null && previous != klass) carryOver(previous, klass);
    }

    private void carryOver(Class<?> from, Class<?> to) {
        for (Field target : to.getDeclaredFields()) {
            int mods = target.getModifiers();
            if (!Modifier.isStatic(mods) || Modifier.isFinal(mods) || target.isSynthetic()) continue;
            Field source;
            try {
                source = from.getDeclaredField(target.getName());
            } catch (NoSuchFieldException e) {
                continue;
            }
            if (!Modifier.isStatic(source.getModifiers())) continue;
            try {
                source.setAccessible(true);
                target.setAccessible(true);
                Object value = source.get(null);
                if (fits(value, source.getType(), target.getType())) {
                    target.set(null, value);
                } else if (!isDefault(value)) {
                    resets.add(new Reset(target.getName(), source.getType().getTypeName(), target.getType().getTypeName()));
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                resets.add(new Reset(target.getName(), source.getType().getTypeName(), target.getType().getTypeName()));
            }
        }
    }

    private static boolean fits(Object value, Class<?> from, Class<?> to) {
        if (to.isPrimitive() || from.isPrimitive()) return from == to;
        return value == null || to.isInstance(value);
    }

    private static boolean isDefault(Object value) {
        return value == null || value.equals(Boolean.FALSE) || (value instanceof Number n && n.doubleValue() == 0)
                || value.equals('\0');
    }

    /** The variables reset since the last call, and forgets them. */
    List<Reset> takeResets() {
        List<Reset> taken = List.copyOf(resets);
        resets.clear();
        return taken;
    }
}
