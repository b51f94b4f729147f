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
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
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
     * Live heap after a full GC (all generations), via {@code jcmd} of this JDK.
     *
     * @param pid the server's process
     * @return bytes in use after the GC
     * @throws IOException when jcmd fails or prints no heap figures
     */
    public static long liveHeap(long pid) throws IOException {
        String jcmd = jcmd();
        Tools.run(List.of(jcmd, Long.toString(pid), "GC.run"), 30);
        String info = Tools.run(List.of(jcmd, Long.toString(pid), "GC.heap_info"), 30);
        Matcher m = HEAP_USED.matcher(info);
        long used = -1;
        while (m.find()) { // one line per generation
            used = Math.max(used, 0) + Long.parseLong(m.group(1)) * 1024;
        }
        if (used < 0) {
            throw new IOException("could not read heap use from jcmd: " + info);
        }
        return used;
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
