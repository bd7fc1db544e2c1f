package org.seqlab.grader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a submission from the instructor's source before anything runs: every read-only and test cell, the
 * points, the cell types and the kernel come from the source (hidden tests back in); only the solution cells and
 * the learner's own extra code cells come from the submission. Says what was changed, deleted or duplicated.
 *
 * @param plan       what to run
 * @param notes      what the submission did to the notebook, one sentence each
 * @param unanswered grade ids of solution cells that still hold the released stub (or were deleted)
 * @param solutions  the code graded for each solution cell
 */
record Rebuild(Plan plan, List<String> notes, Set<String> unanswered, Map<String, String> solutions) {

    /**
     * Rebuilds {@code submission} against assignment {@code a}.
     *
     * @param released   the student version, to tell unanswered solutions and changed cells
     * @param withHidden true to grade (test cells with hidden tests), false to validate (the released test cells)
     */
    static Rebuild of(Assignment a, Notebook released, Notebook submission, boolean withHidden) {
        List<String> notes = new ArrayList<>();
        Map<String, List<Notebook.Cell>> byId = new LinkedHashMap<>();
        Set<String> knownIds = new HashSet<>(a.gradeIds());
        // The learner's own code cells, placed after the known cell they follow in the submission.
        Map<String, List<Notebook.Cell>> extrasAfter = new LinkedHashMap<>();
        String last = "";
        for (Notebook.Cell cell : submission.cells()) {
            String id = Nbgrader.meta(cell) != null ? Nbgrader.gradeId(cell) : null;
            if (id != null && knownIds.contains(id)) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(cell);
                last = id;
            } else if (cell.isCode() && !cell.source().isBlank()) {
                if (id != null && !id.isEmpty()) {
                    notes.add("cell " + (cell.index() + 1) + " has the grade id \"" + id + "\", which the assignment does not have; "
                            + "it ran as one of your own cells");
                }
                extrasAfter.computeIfAbsent(last, k -> new ArrayList<>()).add(cell);
            }
        }
        Map<String, Notebook.Cell> releasedById = new LinkedHashMap<>();
        for (Notebook.Cell cell : released.cells()) {
            if (Nbgrader.isTracked(cell)) {
                releasedById.put(Nbgrader.gradeId(cell), cell);
            }
        }
        List<Plan.Step> steps = new ArrayList<>();
        Set<String> unanswered = new LinkedHashSet<>();
        Map<String, String> solutions = new LinkedHashMap<>();
        addExtras(steps, extrasAfter.get(""));
        List<Notebook.Cell> sourceCells = a.source().cells();
        for (int k = 0; k < sourceCells.size(); k++) {
            Notebook.Cell src = sourceCells.get(k);
            String id = Nbgrader.isTracked(src) ? Nbgrader.gradeId(src) : null;
            List<Notebook.Cell> copies = id == null ? List.of() : byId.getOrDefault(id, List.of());
            if (src.isCode()) {
                if (id == null) {
                    steps.add(new Plan.Step("cell-" + (k + 1), Plan.Role.SETUP, src.source(), false));
                } else if (Nbgrader.isSolution(src)) {
                    String stub = releasedById.get(id).source();
                    String code;
                    if (copies.isEmpty()) {
                        notes.add("the solution cell " + id + " was deleted; it counts as unanswered");
                        code = stub;
                    } else {
                        Notebook.Cell chosen = copies.size() == 1 ? copies.get(0) : byPosition(id, copies, a, byId, stub, notes);
                        code = chosen.source();
                        if (!chosen.isCode()) {
                            notes.add("the solution cell " + id + " was turned into a " + chosen.type() + " cell; it ran as code");
                        }
                    }
                    boolean none = normalize(code).equals(normalize(stub));
                    if (none) {
                        unanswered.add(id);
                    }
                    solutions.put(id, code);
                    steps.add(new Plan.Step(id, Plan.Role.SOLUTION, code, none));
                } else {
                    boolean test = Nbgrader.isGrade(src);
                    String what = test ? "test cell" : "read-only cell";
                    String releasedText = releasedById.get(id).source();
                    if (copies.isEmpty()) {
                        notes.add("the " + what + " " + id + " was deleted; the original was put back");
                    } else {
                        if (copies.stream().anyMatch(c -> !normalize(c.source()).equals(normalize(releasedText)))) {
                            notes.add("the " + what + " " + id + " was changed; the original was used");
                        }
                        if (copies.size() > 1) {
                            notes.add("the " + what + " " + id + " appears " + copies.size() + " times; the original ran once");
                        }
                    }
                    String code = test && withHidden ? src.source() : releasedText;
                    steps.add(new Plan.Step(id, test ? Plan.Role.TEST : Plan.Role.SETUP, code, false));
                }
            }
            if (id != null) {
                addExtras(steps, extrasAfter.get(id));
            }
        }
        // A test cell whose every solution is unanswered fails without running.
        List<Plan.Step> marked = new ArrayList<>();
        Map<String, Assignment.Exercise> exercises = new LinkedHashMap<>();
        a.exercises().forEach(e -> exercises.put(e.testId(), e));
        for (Plan.Step s : steps) {
            Assignment.Exercise e = exercises.get(s.gradeId());
            if (s.role() == Plan.Role.TEST && e != null && unanswered.containsAll(e.solutionIds())) {
                marked.add(new Plan.Step(s.gradeId(), s.role(), s.code(), true));
            } else {
                marked.add(s);
            }
        }
        return new Rebuild(new Plan(List.copyOf(marked)), List.copyOf(notes), unanswered, solutions);
    }

    private static void addExtras(List<Plan.Step> steps, List<Notebook.Cell> extras) {
        if (extras != null) {
            for (Notebook.Cell c : extras) {
                steps.add(new Plan.Step("extra-" + (c.index() + 1), Plan.Role.EXTRA, c.source(), false));
            }
        }
    }

    /**
     * Chooses among copies of one solution cell by position: the copies that sit where the source has the cell
     * (after the known cell before it and before the known cell after it); among those an answered one, else the
     * first.
     */
    private static Notebook.Cell byPosition(String id, List<Notebook.Cell> copies, Assignment a,
                                            Map<String, List<Notebook.Cell>> byId, String stub, List<String> notes) {
        List<String> ids = a.gradeIds();
        int at = ids.indexOf(id);
        int lo = -1, hi = Integer.MAX_VALUE;
        for (int k = at - 1; k >= 0; k--) {
            List<Notebook.Cell> c = byId.get(ids.get(k));
            if (c != null && c.size() == 1) {
                lo = c.get(0).index();
                break;
            }
        }
        for (int k = at + 1; k < ids.size(); k++) {
            List<Notebook.Cell> c = byId.get(ids.get(k));
            if (c != null && c.size() == 1) {
                hi = c.get(0).index();
                break;
            }
        }
        final int from = lo, to = hi;
        List<Notebook.Cell> inPlace = copies.stream().filter(c -> c.index() > from && c.index() < to).toList();
        List<Notebook.Cell> pool = inPlace.isEmpty() ? copies : inPlace;
        Notebook.Cell chosen = pool.stream().filter(c -> !normalize(c.source()).equals(normalize(stub))).findFirst()
                .orElse(pool.get(0));
        notes.add("the solution cell " + id + " appears " + copies.size() + " times (cells "
                + String.join(", ", copies.stream().map(c -> Integer.toString(c.index() + 1)).toList())
                + "); cell " + (chosen.index() + 1) + ", where the assignment has it, was graded");
        return chosen;
    }

    /** Source text compared without trailing spaces and blank lines at either end. */
    static String normalize(String source) {
        List<String> lines = new ArrayList<>();
        for (String line : source.split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        return String.join("\n", lines).strip();
    }
}
