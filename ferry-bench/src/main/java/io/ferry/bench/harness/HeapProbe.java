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
        String jcmd = ProcessHandle.current().info().command().orElse("java").replaceAll("java$", "jcmd");
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
}
