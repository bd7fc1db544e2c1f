package org.seqlab.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Vocabulary;
import org.seqlab.nn.State;

/**
 * Beam search for a {@link Seq2Seq} decoder: keeps the {@code k} likeliest prefixes of each source instead of
 * the single likeliest symbol (greedy decoding), so a translation whose first symbol looked second-best can win.
 *
 * <pre>
 *   score(y_1 … y_t) = Σ_{i ≤ t} log softmax(z_i)[y_i]          nats, no length normalisation
 *   step:  every live prefix × every writable symbol → candidates, best first
 *          a candidate ending in &lt;/s&gt; is a finished hypothesis; the k best others stay live
 *   stop:  when k finished hypotheses score at least as high as the best live prefix (adding symbols only lowers
 *          a score, so no live prefix can overtake them), or after maxTargetLength + 1 steps
 * </pre>
 *
 * Width 1 gives exactly greedy decoding. The sources of a call are searched side by side, {@code k} decoder rows
 * each, so one decoder step serves all of them. All dates have the same target length, so scores need no length
 * normalisation here; for targets of varying length one would divide by a power of the length (Wu et al. 2016).
 */
final class BeamSearch {
    private BeamSearch() {}

    /** A live prefix: its symbols and its score. */
    private record Prefix(int[] ids, double score) {}

    /** A scored extension of a live prefix: from row {@code parent}, writing {@code symbol}. */
    private record Candidate(int parent, int symbol, double score) {}

    /**
     * The {@code k} best hypotheses of each source, likeliest first.
     *
     * @param sources source ids, each checked by the model
     */
    static List<List<Seq2Seq.Hypothesis>> run(Seq2Seq model, List<int[]> sources, int k) {
        int n = sources.size();
        int v = model.targetVocabulary.size();
        int[] rowsOfBeams = new int[n * k];
        for (int r = 0; r < rowsOfBeams.length; r++) rowsOfBeams[r] = r / k;
        List<State> states = select(model.encode(sources), rowsOfBeams);       // [n·k, H]: k copies per source
        List<List<Prefix>> live = new ArrayList<>();
        List<List<Seq2Seq.Hypothesis>> finished = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            live.add(new ArrayList<>(List.of(new Prefix(new int[0], 0.0))));
            finished.add(new ArrayList<>());
        }
        boolean[] done = new boolean[n];
        int[] previous = new int[n * k];
        java.util.Arrays.fill(previous, Vocabulary.BOS_ID);
        for (int step = 0; step <= model.maxTargetLength; step++) {
            Seq2Seq.Step out = model.decodeStep(previous, states);
            double[] logp = logSoftmaxRows(out.logits(), v);
            int[] parents = new int[n * k];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < k; j++) parents[s * k + j] = s * k;             // unused rows copy row 0 of s
                if (done[s]) continue;
                List<Candidate> candidates = new ArrayList<>();
                List<Prefix> prefixes = live.get(s);
                for (int j = 0; j < prefixes.size(); j++) {
                    int row = s * k + j;
                    for (int y = 0; y < v; y++) {
                        if (Seq2Seq.writable(y)) candidates.add(new Candidate(j, y, prefixes.get(j).score() + logp[row * v + y]));
                    }
                }
                candidates.sort(Comparator.comparingDouble(c -> -c.score()));
                List<Prefix> next = new ArrayList<>();
                for (Candidate c : candidates) {
                    if (next.size() == k) break;
                    int[] ids = prefixes.get(c.parent()).ids();
                    if (c.symbol() == Vocabulary.EOS_ID) {
                        finished.get(s).add(hypothesis(model, ids, c.score(), true));
                    } else {
                        int[] longer = java.util.Arrays.copyOf(ids, ids.length + 1);
                        longer[ids.length] = c.symbol();
                        parents[s * k + next.size()] = s * k + c.parent();
                        previous[s * k + next.size()] = c.symbol();
                        next.add(new Prefix(longer, c.score()));
                    }
                }
                live.set(s, next);
                done[s] = settled(finished.get(s), next, k);
            }
            states = select(out.states(), parents);
            if (allDone(done)) break;
        }
        List<List<Seq2Seq.Hypothesis>> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<Seq2Seq.Hypothesis> all = new ArrayList<>(finished.get(s));
            if (!done[s]) for (Prefix p : live.get(s)) all.add(hypothesis(model, p.ids(), p.score(), false));
            all.sort(Comparator.comparingDouble(h -> -h.logProbability()));
            out.add(List.copyOf(all.subList(0, Math.min(k, all.size()))));
        }
        return out;
    }

    /** Whether {@code k} finished hypotheses score at least the best live prefix's score. */
    private static boolean settled(List<Seq2Seq.Hypothesis> finished, List<Prefix> live, int k) {
        double bestLive = live.isEmpty() ? Double.NEGATIVE_INFINITY : live.get(0).score();
        long safe = finished.stream().filter(h -> h.logProbability() >= bestLive).count();
        return safe >= k || live.isEmpty();
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) if (!d) return false;
        return true;
    }

    private static Seq2Seq.Hypothesis hypothesis(Seq2Seq model, int[] ids, double score, boolean finished) {
        return new Seq2Seq.Hypothesis(model.targetVocabulary.decode(ids), score, finished);
    }

    /** log softmax of each row of {@code z} (rows of {@code v}), in float64. */
    static double[] logSoftmaxRows(double[] z, int v) {
        double[] out = new double[z.length];
        for (int row = 0; row < z.length; row += v) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = row; j < row + v; j++) max = Math.max(max, z[j]);
            double sum = 0;
            for (int j = row; j < row + v; j++) sum += Math.exp(z[j] - max);
            double log = Math.log(sum) + max;
            for (int j = row; j < row + v; j++) out[j] = z[j] - log;
        }
        return out;
    }

    /** The states' rows {@code rows} (each layer's h, and c for the LSTM): the decoder state of each beam. */
    private static List<State> select(List<State> states, int[] rows) {
        List<State> out = new ArrayList<>();
        for (State s : states) {
            out.add(new State(pull(s.h(), rows), s.c() == null ? null : pull(s.c(), rows)));
        }
        return out;
    }

    private static INDArray pull(INDArray a, int[] rows) {
        return Nd4j.pullRows(a, 1, rows);
    }
}
