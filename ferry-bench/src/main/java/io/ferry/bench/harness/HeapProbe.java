package io.ferry.bench.harness;

import io.ferry.bench.suite.Tools;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the memory of a Java server in another process: its live heap after a full GC (through
 * {@code jcmd}) and, with {@link ServerProcess#rssBytes()}, its resident set. Servers measured so run
 * with {@link #JVM_FLAGS}: a fixed, pre-touched heap, so heap growth does not hide in RSS.
 */
public final class HeapProbe {
    /** JVM flags for a server whose memory is measured. */
    public static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
        "-XX:+UseSerialGC");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    /** Flag that lets {@link #nativeBytes} read the JVM's native memory by category. */
    public static final String NATIVE_TRACKING = "-XX:NativeMemoryTracking=summary";
    /**
     * Native Memory Tracking categories that grow with what a server holds: direct and FFM memory (Other),
     * the JVM's own per-object bookkeeping and thread stacks. Left out: the JIT's code and arenas, class
     * metadata and symbols, which grow while a process warms up, not with its connections.
     */
    private static final Pattern HELD_NATIVE = Pattern.compile(
        "-\\s+(Thread|Internal|Other|NIO|Synchronization|Object Monitors) \\(reserved=\\d+KB, committed=(\\d+)KB");

    private HeapProbe() {
    }

    /**
     * Live heap: the bytes of every object a full GC keeps, as {@code jcmd GC.class_histogram} (which runs that GC)
     * totals them. The heap's "used" figure after a GC would count the thread-local allocation buffers threads take
     * right after it whole, megabytes that move from one reading to the next.
     *
     * @param pid the server's process
     * @return bytes of live objects
     * @throws IOException when jcmd fails or prints no total
     */
    public static long liveHeap(long pid) throws IOException {
        return histogramTotal(Tools.run(List.of(jcmd(), Long.toString(pid), "GC.class_histogram"), 60));
    }

    /**
     * The bytes on the {@code Total} line of a class histogram.
     *
     * @param histogram what {@code jcmd GC.class_histogram} printed
     * @return the total bytes
     * @throws IOException when there is no total line
     */
    static long histogramTotal(String histogram) throws IOException {
        Matcher m = HISTOGRAM_TOTAL.matcher(histogram);
        if (!m.find()) {
            throw new IOException("no Total line in the class histogram from jcmd: "
                + histogram.substring(0, Math.min(200, histogram.length())));
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Native memory a JVM started with {@link #NATIVE_TRACKING} holds for its data (see {@link #HELD_NATIVE}),
     * read with {@code jcmd VM.native_memory summary}.
     *
     * @param pid the server's process
     * @return committed bytes in those categories
     * @throws IOException when jcmd fails or the JVM does not track native memory
     */
    public static long nativeBytes(long pid) throws IOException {
        String summary = Tools.run(List.of(jcmd(), Long.toString(pid), "VM.native_memory", "summary"), 30);
        Matcher m = HELD_NATIVE.matcher(summary);
        long kib = -1;
        while (m.find()) {
            kib = Math.max(kib, 0) + Long.parseLong(m.group(2));
        }
        if (kib < 0) {
            throw new IOException("no native memory summary from jcmd (started without " + NATIVE_TRACKING + "?)");
        }
        return kib * 1024;
    }

    private static String jcmd() {
        return ProcessHandle.current().info().command().orElse("java").replaceAll("java$", "jcmd");
    }
}
