package org.seqlab.grade;

/** The verdict a learner would read for an answer, for the checks' tests. */
final class Judge {
    private Judge() {}

    static Verdict verdict(Expect expect, Object answer) {
        Expect.Resolved r = expect.resolve();
        return Verdict.judge("case", r.expected(), Values.of(answer), r.mistakes(), r.tolerance());
    }

    static String hint(Expect expect, Object answer) {
        String message = verdict(expect, answer).message();
        int at = message.indexOf("\nHint: ");
        return at < 0 ? "" : message.substring(at + 7);
    }
}
