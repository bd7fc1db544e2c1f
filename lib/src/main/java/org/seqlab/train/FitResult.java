package org.seqlab.train;

import java.util.Map;
import org.seqlab.display.Displayable;

/**
 * What {@link Trainer#fit} returns: the history so far and why training stopped.
 *
 * @param history every step and finished epoch of the trainer (across all its {@code fit} calls)
 * @param reason why this call stopped
 * @param message a sentence for the learner ("completed 10 epochs (1200 steps) in 12.3 s", or what went wrong and
 *     what to try)
 */
public record FitResult(History history, StopReason reason, String message) implements Displayable {
    /** Whether every planned epoch ran. */
    public boolean completed() {
        return reason == StopReason.COMPLETED;
    }

    /** The last finished epoch's metrics as text, or the message when no epoch finished. */
    @Override
    public String toString() {
        String last = history.epochs().isEmpty() ? "" : "; last epoch " + describe(history.epochs().get(
                history.epochs().size() - 1));
        return reason + ": " + message + last;
    }

    @Override
    public Map<String, String> mimeBundle() {
        return Map.of("text/plain", toString());
    }

    static String describe(History.Epoch e) {
        StringBuilder s = new StringBuilder("epoch ").append(e.epoch());
        e.train().forEach((k, v) -> s.append(' ').append(k).append(' ').append(format(v)));
        e.validation().forEach((k, v) -> s.append(" val_").append(k).append(' ').append(format(v)));
        return s.toString();
    }

    static String format(double v) {
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3) ? String.format("%.3e", v)
                : String.format("%.4f", v);
    }
}
