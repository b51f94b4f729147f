package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A size class of a loop's buffer pool ran out of free buffers and took one more slab of native memory. */
@Name("io.ferry.PoolGrown")
@Label("Buffer Pool Grown")
@Category({"Ferry", "Buffers"})
@Description("A size class of a loop's buffer pool (the event thread's) added a slab: more data is held unconsumed "
    + "than its buffers had room for")
@StackTrace(false)
public final class PoolGrownEvent extends Event {
    private static final PoolGrownEvent PROBE = new PoolGrownEvent();

    @Label("Size Class")
    @Description("buffer (the fixed-size class) or jumbo")
    String sizeClass;

    @Label("Buffer Size")
    @DataAmount
    int bufferSize;

    @Label("Buffers Added")
    int added;

    @Label("Buffers Now")
    int total;

    @Label("Cap")
    @Description("The most buffers this size class may have")
    int cap;

    /**
     * Records a slab added to a size class.
     *
     * @param sizeClass the size class's name
     * @param bufferSize the bytes in each of its buffers
     * @param added buffers in the new slab
     * @param total buffers in the size class with the new slab
     * @param cap the size class's cap
     */
    public static void emit(String sizeClass, int bufferSize, int added, int total, int cap) {
        if (PROBE.isEnabled()) {
            PoolGrownEvent e = new PoolGrownEvent();
            e.sizeClass = sizeClass;
            e.bufferSize = bufferSize;
            e.added = added;
            e.total = total;
            e.cap = cap;
            e.commit();
        }
    }
}
