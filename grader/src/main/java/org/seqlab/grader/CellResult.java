package org.seqlab.grader;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What running one cell gave.
 *
 * @param status    how it ended
 * @param reason    for anything but {@link Status#OK}, the reason in words ({@code "timed out after 30 s"})
 * @param text      what it printed (standard output and error), cut to a few kilobytes
 * @param error     the error's name and message, or ""
 * @param reports   the grading messages it sent ({@link org.seqlab.grade.Tests#MIME})
 * @param millis    wall time
 */
record CellResult(Status status, String reason, String text, String error, List<JsonObject> reports, long millis) {
    /** How a cell ended. The last four kill the kernel. */
    enum Status {
        OK, ERROR, TIMEOUT, NOTEBOOK_TIMEOUT, DIED, MEMORY, OUTPUT;

        /** True when the kernel had to go. */
        boolean fatal() {
            return this != OK && this != ERROR;
        }
    }

    boolean ok() {
        return status == Status.OK;
    }
}
