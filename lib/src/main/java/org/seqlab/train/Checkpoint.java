package org.seqlab.train;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Npy;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Parameters;

/**
 * Saves and restores a training run: every parameter, the optimiser's state and the step and epoch counters.
 *
 * <p>The file is a NumPy {@code .npz} archive ({@code np.load("run.ckpt")} reads it): entries
 * {@code parameters/<name>}, {@code optimizer/<key>}, {@code step}, {@code epoch}, each a {@code .npy} array in
 * its own data type, so a round trip is bit-identical.
 *
 * <p>Saving is atomic: the archive is written to a temporary file in the same folder, flushed to the disk
 * ({@code fsync}) and then renamed over the target in one step. A crash or an exception while writing leaves the
 * previous checkpoint as it was.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** The counters a checkpoint restores besides the arrays. */
    public record Counters(long step, int epoch) {}

    /**
     * Saves parameters, optimiser state and counters to {@code file}, replacing it atomically.
     *
     * @param optimizer the optimiser whose state to keep, or {@code null} for parameters only
     * @throws UncheckedIOException if the file cannot be written (the previous file is then untouched)
     */
    public static void save(Path file, Parameters parameters, Optimizer optimizer, long step, int epoch) {
        save(file, parameters, optimizer, step, epoch, UnaryOperator.identity());
    }

    /** As {@link #save(Path, Parameters, Optimizer, long, int)}; {@code wrap} lets tests break the stream. */
    static void save(Path file, Parameters parameters, Optimizer optimizer, long step, int epoch,
                     UnaryOperator<OutputStream> wrap) {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                ZipOutputStream zip = new ZipOutputStream(wrap.apply(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() {
                        // the FileOutputStream is synced and closed below
                    }
                }));
                for (String name : parameters.names()) put(zip, "parameters/" + name, parameters.get(name).value());
                if (optimizer != null) {
                    for (Map.Entry<String, INDArray> e : optimizer.state().entrySet()) {
                        put(zip, "optimizer/" + e.getKey(), e.getValue());
                    }
                }
                put(zip, "step", Nd4j.scalar(DataType.LONG, step));
                put(zip, "epoch", Nd4j.scalar(DataType.INT, epoch));
                zip.close();
                out.getFD().sync();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            syncFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save checkpoint " + target + "; the previous one is kept", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file does not harm the checkpoint
                }
            }
        }
    }

    /**
     * Loads a checkpoint into {@code parameters} (and {@code optimizer}'s state), in place. Nothing changes unless
     * every name and shape matches.
     *
     * @param optimizer the optimiser to restore, or {@code null} to restore the parameters only
     * @return the saved step and epoch counters
     */
    public static Counters load(Path file, Parameters parameters, Optimizer optimizer) {
        Map<String, INDArray> saved = read(file);
        Map<String, INDArray> values = new LinkedHashMap<>();
        Map<String, INDArray> optimizerState = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : saved.entrySet()) {
            if (e.getKey().startsWith("parameters/")) values.put(e.getKey().substring(11), e.getValue());
            if (e.getKey().startsWith("optimizer/")) optimizerState.put(e.getKey().substring(10), e.getValue());
        }
        if (!new TreeSet<>(values.keySet()).equals(new TreeSet<>(parameters.names()))) {
            throw new IllegalArgumentException("checkpoint " + file + " holds parameters " + values.keySet()
                    + " but the model has " + parameters.names());
        }
        for (String name : parameters.names()) {
            Parameter p = parameters.get(name);
            INDArray v = values.get(name);
            if (!Arrays.equals(v.shape(), p.value().shape())) {
                throw new IllegalArgumentException("checkpoint parameter " + name + " is "
                        + Arrays.toString(v.shape()) + " but the model's is " + Arrays.toString(p.value().shape()));
            }
        }
        if (optimizer != null) {
            if (optimizerState.isEmpty()) {
                throw new IllegalArgumentException("checkpoint " + file + " holds no optimizer state;"
                        + " pass null as the optimizer to load the parameters only");
            }
            optimizer.loadState(optimizerState);
        }
        for (String name : parameters.names()) {
            Parameter p = parameters.get(name);
            p.value().assign(values.get(name).castTo(p.value().dataType()));
        }
        return new Counters(saved.get("step").getLong(0), saved.get("epoch").getInt(0));
    }

    /** Every array in a checkpoint by entry name (without {@code .npy}), in file order. */
    public static Map<String, INDArray> read(Path file) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                arrays.put(name, Npy.read(zip.readAllBytes(), file + " entry " + e.getName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + file, e);
        }
        if (!arrays.containsKey("step") || !arrays.containsKey("epoch")) {
            throw new IllegalArgumentException(file + " is not a Seqlab checkpoint (no step and epoch entries)");
        }
        return arrays;
    }

    private static void put(ZipOutputStream zip, String name, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(Npy.toBytes(array));
        zip.closeEntry();
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a folder; the rename itself is still atomic
        }
    }
}
