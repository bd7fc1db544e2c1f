package org.seqlab.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.data.Npy;

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

    /**
     * Adds every parameter of {@code other} under {@code prefix + "." + its name there} (PyTorch's sub-module
     * naming), or under its name there when {@code prefix} is empty; the parameters are shared, not copied.
     */
    public Parameters addAll(String prefix, Parameters other) {
        for (Map.Entry<String, Parameter> e : other.byName.entrySet()) {
            put(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue());
        }
        return this;
    }

    /** Adds an existing parameter under {@code name}, which must be new here. */
    Parameters put(String name, Parameter p) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name " + name + "; there are " + byName.keySet());
        }
        byName.put(name, p);
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

    /**
     * Writes every value to {@code dir/<name>.npy} (NumPy's format, the parameter's own data type), creating
     * {@code dir} if needed. PyTorch reads them with
     * {@code model.load_state_dict({k: torch.from_numpy(np.load(f"{dir}/{k}.npy")) for k in model.state_dict()})}.
     */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            // The qualified key, not Parameter.name(): two sub-modules both own a "weight".
            for (Map.Entry<String, Parameter> e : byName.entrySet()) {
                Npy.write(e.getValue().value(), dir.resolve(e.getKey() + ".npy"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save parameters to " + dir, e);
        }
    }

    /**
     * Reads every value from {@code dir/<name>.npy} into the parameter in place (cast to its data type). Files
     * PyTorch wrote work: {@code for k, v in model.state_dict().items(): np.save(f"{dir}/{k}.npy", v.numpy())}.
     *
     * Files in either byte order and in Fortran order load correctly (see {@link Npy}).
     *
     * @throws IllegalArgumentException if a file is missing, is not a {@code .npy} array of numbers, or holds
     *     another shape; nothing is changed then
     */
    public void load(Path dir) {
        Map<Parameter, INDArray> read = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            String name = e.getKey();
            Parameter p = e.getValue();
            Path file = dir.resolve(name + ".npy");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no file " + file + " for parameter " + name
                        + "; expected one .npy file per parameter: " + names());
            }
            INDArray a = Npy.read(file);
            if (!java.util.Arrays.equals(a.shape(), p.value().shape())) {
                throw new IllegalArgumentException(file + " must hold " + java.util.Arrays.toString(p.value().shape())
                        + " for " + name + " but holds " + java.util.Arrays.toString(a.shape()));
            }
            read.put(p, a);
        }
        read.forEach((p, a) -> p.value().assign(a.castTo(p.value().dataType())));
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
