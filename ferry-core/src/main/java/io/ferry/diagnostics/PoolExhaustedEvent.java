package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A buffer was refused because its size class is at its cap; the allocation failed with
 * {@code PoolExhaustedException}. The stack trace shows who asked.
 */
@Name("io.ferry.PoolExhausted")
@Label("Buffer Pool Exhausted")
@Category({"Ferry", "Buffers"})
@Description("Every buffer of a size class of a loop's pool was in use and the class was at its cap: the "
    + "allocation failed")
public final class PoolExhaustedEvent extends Event {
    private static final PoolExhaustedEvent PROBE = new PoolExhaustedEvent();

    @Label("Size Class")
    @Description("buffer (the fixed-size class) or jumbo")
    String sizeClass;

    @Label("Buffer Size")
    @DataAmount
    int bufferSize;

    @Label("Cap")
    @Description("The most buffers this size class may have, all in use")
    int cap;

    /**
     * Records a refused allocation.
     *
     * @param sizeClass the size class's name
     * @param bufferSize the bytes in each of its buffers
     * @param cap the size class's cap, reached
     */
    public static void emit(String sizeClass, int bufferSize, int cap) {
        if (PROBE.isEnabled()) {
            PoolExhaustedEvent e = new PoolExhaustedEvent();
            e.sizeClass = sizeClass;
            e.bufferSize = bufferSize;
            e.cap = cap;
            e.commit();
        }
    }
}
