package io.ferry.bench.files;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's two answers: {@link AsynchronousFileChannel} (on Linux a thread pool doing blocking
 * writes; here a fresh cached pool per run, like the default group) and {@link FileChannel} on 100
 * virtual threads (each blocking write pins a carrier, which the scheduler compensates for).
 */
public final class JdkContenders {
    private static final int VIRTUAL_THREADS = 100;

    private JdkContenders() {
    }

    /** AsynchronousFileChannel: every file opened, written with a completion handler, forced, closed. */
    public static FileContender asynchronousFileChannel() {
        return new Named("jdk-async-file-channel", (s, dir) -> {
            ByteBuffer data = content(s.size());
            Set<OpenOption> options = options(s);
            ExecutorService pool = Executors.newCachedThreadPool();
            try {
                return measure(s, () -> {
                    CompletableFuture<?>[] all = new CompletableFuture<?>[s.count()];
                    for (int i = 0; i < s.count(); i++) {
                        AsynchronousFileChannel ch = AsynchronousFileChannel.open(file(dir, i), options, pool);
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        writeAll(ch, data.duplicate(), 0, s.fsync(), done);
                        all[i] = done;
                    }
                    CompletableFuture.allOf(all).get(600, TimeUnit.SECONDS);
                });
            } finally {
                pool.shutdown();
            }
        });
    }

    /** FileChannel on 100 virtual threads taking files from a shared counter. */
    public static FileContender fileChannelOnVirtualThreads() {
        return new Named("jdk-file-channel-100-vthreads", (s, dir) -> {
            ByteBuffer data = content(s.size());
            Set<OpenOption> options = options(s);
            return measure(s, () -> {
                AtomicInteger next = new AtomicInteger();
                try (ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
                    var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                    for (int t = 0; t < Math.min(VIRTUAL_THREADS, s.count()); t++) {
                        futures.add(vts.submit(() -> {
                            for (int i; (i = next.getAndIncrement()) < s.count(); ) {
                                try (FileChannel ch = FileChannel.open(file(dir, i), options)) {
                                    ByteBuffer b = data.duplicate();
                                    while (b.hasRemaining()) {
                                        ch.write(b, b.position());
                                    }
                                    if (s.fsync()) {
                                        ch.force(true);
                                    }
                                }
                            }
                            return null;
                        }));
                    }
                    for (var f : futures) {
                        f.get(600, TimeUnit.SECONDS);
                    }
                }
            });
        });
    }

    private static void writeAll(AsynchronousFileChannel ch, ByteBuffer b, long at, boolean fsync,
                                 CompletableFuture<Void> done) {
        ch.write(b, at + b.position(), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void unused) {
                if (b.hasRemaining()) {
                    ch.write(b, at + b.position(), null, this);
                    return;
                }
                try (ch) {
                    if (fsync) {
                        ch.force(true);
                    }
                } catch (IOException e) {
                    done.completeExceptionally(e);
                    return;
                }
                done.complete(null);
            }

            @Override
            public void failed(Throwable e, Void unused) {
                done.completeExceptionally(e);
            }
        });
    }

    private static Set<OpenOption> options(FileScenario s) {
        Set<OpenOption> o = new HashSet<>(Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING));
        if (s.direct()) {
            o.add(ExtendedOpenOption.DIRECT);
        }
        return o;
    }

    /** The shared pattern of FileFanOut (file 0), in a page-aligned direct buffer (O_DIRECT needs it). */
    static ByteBuffer content(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size + 4096).alignedSlice(4096).order(ByteOrder.BIG_ENDIAN);
        for (int at = 0; at < size; at += 8) {
            b.putLong(at, at);
        }
        return b.limit(size);
    }

    static Path file(Path dir, int i) {
        return dir.resolve("file-" + i);
    }

    private static FanOutResult measure(FileScenario s, Body body) throws Exception {
        int before = ProcessThreads.count();
        try (ProcessThreads threads = ProcessThreads.sample()) {
            long cpu = ProcessCpu.nanos();
            long start = System.nanoTime();
            body.run();
            long nanos = System.nanoTime() - start;
            return new FanOutResult(s.count(), s.bytes(), nanos, "JDK", threads.peak(), threads.peakKernelWorkers(),
                before, ProcessCpu.since(cpu));
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Run {
        FanOutResult run(FileScenario s, Path dir) throws Exception;
    }

    private record Named(String name, Run body) implements FileContender {
        @Override
        public FanOutResult run(FileScenario s, Path dir) throws Exception {
            return body.run(s, dir);
        }
    }
}
