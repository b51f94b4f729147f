package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A size class of a loop's buffer pool gave back slabs that a burst had grown and left entirely free. */
@Name("io.ferry.PoolTrimmed")
@Label("Buffer Pool Trimmed")
@Category({"Ferry", "Buffers"})
@Description("A size class of a loop's buffer pool freed slabs that stayed entirely free for a whole trim interval")
@StackTrace(false)
public final class PoolTrimmedEvent extends Event {
    private static final PoolTrimmedEvent PROBE = new PoolTrimmedEvent();

    @Label("Size Class")
    @Description("buffer (the fixed-size class) or jumbo")
    String sizeClass;

    @Label("Buffer Size")
    @DataAmount
    int bufferSize;

    @Label("Bytes Freed")
    @DataAmount
    long freed;

    @Label("Buffers Now")
    int total;

    /**
     * Records slabs freed from a size class.
     *
     * @param sizeClass the size class's name
     * @param bufferSize the bytes in each of its buffers
     * @param freed the bytes given back
     * @param total buffers left in the size class
     */
    public static void emit(String sizeClass, int bufferSize, long freed, int total) {
        if (PROBE.isEnabled()) {
            PoolTrimmedEvent e = new PoolTrimmedEvent();
            e.sizeClass = sizeClass;
            e.bufferSize = bufferSize;
            e.freed = freed;
            e.total = total;
            e.commit();
        }
    }
}
