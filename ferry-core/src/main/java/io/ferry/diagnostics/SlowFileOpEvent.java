package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A file operation took longer than the threshold, from the call that started it to its completion on
 * the loop: time queued for an in-flight slot, in the kernel or on the blocking pool, and any
 * continuation of a short read or write.
 */
@Name("io.ferry.SlowFileOp")
@Label("Slow File Operation")
@Category({"Ferry", "File"})
@Description("A Ferry file operation (open, read, write, fsync, statx, close, whole-file write) took this long "
    + "from call to completion")
@Threshold("20 ms")
@StackTrace(false)
public final class SlowFileOpEvent extends Event {
    private static final SlowFileOpEvent PROBE = new SlowFileOpEvent();

    @Label("Operation")
    String operation;

    @Label("Path")
    String path;

    @Label("Bytes")
    @DataAmount
    @Description("Bytes moved by a read or write; 0 for other operations")
    long bytes;

    @Label("Error")
    @Description("Empty on success, else the errno name and message")
    String error;

    /**
     * Starts timing one operation.
     *
     * @return the event to pass to {@link #finish}, or null (allocating nothing) when no recording wants it
     */
    public static SlowFileOpEvent start() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        SlowFileOpEvent e = new SlowFileOpEvent();
        e.begin();
        return e;
    }

    /**
     * Ends timing and records the operation if it took longer than the threshold.
     *
     * @param event what {@link #start()} returned; null does nothing
     * @param operation the operation's name
     * @param path the file, or null when unknown
     * @param bytes bytes moved (0 for operations that move none)
     * @param error null on success, else what failed
     */
    public static void finish(SlowFileOpEvent event, String operation, Object path, long bytes, Throwable error) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.operation = operation;
            event.path = String.valueOf(path);
            event.bytes = bytes;
            event.error = error == null ? "" : error.getMessage();
            event.commit();
        }
    }
}
