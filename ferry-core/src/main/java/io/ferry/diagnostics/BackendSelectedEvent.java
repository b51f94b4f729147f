package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A runtime chose its backend: which one was asked for, which one runs, and why others were skipped. */
@Name("io.ferry.BackendSelected")
@Label("Backend Selected")
@Category("Ferry")
@Description("The I/O backend a Ferry runtime chose at start, and why the better ones could not run")
@StackTrace(false)
public final class BackendSelectedEvent extends Event {
    private static final BackendSelectedEvent PROBE = new BackendSelectedEvent();

    @Label("Requested")
    @Description("auto, or the backend forced by the builder or -Dferry.backend")
    String requested;

    @Label("Backend")
    String backend;

    @Label("Reason")
    @Description("Why this backend can run; with auto, also the backends skipped and why")
    String reason;

    /**
     * Records a selection.
     *
     * @param requested what was asked for ({@code auto}, {@code uring}, ...)
     * @param backend the backend that runs
     * @param reason why it can run, and what was skipped on the way
     */
    public static void emit(String requested, String backend, String reason) {
        if (PROBE.isEnabled()) {
            BackendSelectedEvent e = new BackendSelectedEvent();
            e.requested = requested;
            e.backend = backend;
            e.reason = reason;
            e.commit();
        }
    }
}
