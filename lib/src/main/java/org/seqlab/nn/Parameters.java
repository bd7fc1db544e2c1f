package org.seqlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The named parameters of a model, in a fixed order (the order optimisers and checkpoints use).
 */
public final class Parameters implements Iterable<Parameter> {
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /** Adds a new parameter; names must be unique. */
    public Parameter add(String name, INDArray value) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name " + name);
        }
        Parameter p = new Parameter(name, value);
        byName.put(name, p);
        return p;
    }

    /** Adds every parameter of {@code other} under {@code prefix + "."} (PyTorch's sub-module naming). */
    public Parameters addAll(String prefix, Parameters other) {
        for (Parameter p : other) {
            String name = prefix.isEmpty() ? p.name() : prefix + "." + p.name();
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("duplicate parameter name " + name);
            }
            byName.put(name, p);
        }
        return this;
    }

    /** The parameter called {@code name}; the error lists the names there are. */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + name + "; there are " + byName.keySet());
        }
        return p;
    }

    /** The names, in order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    /** How many tensors. */
    public int size() {
        return byName.size();
    }

    /** How many scalars in all. */
    public long count() {
        long n = 0;
        for (Parameter p : this) n += p.value().length();
        return n;
    }

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : this) p.zeroGrad();
    }

    @Override
    public Iterator<Parameter> iterator() {
        return Collections.unmodifiableCollection(byName.values()).iterator();
    }

    @Override
    public String toString() {
        return "Parameters" + byName.values() + " (" + count() + " scalars)";
    }
}
