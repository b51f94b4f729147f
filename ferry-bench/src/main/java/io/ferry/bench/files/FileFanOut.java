package io.ferry.bench.files;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import io.ferry.file.FerryOpenOption;
import io.ferry.loop.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes {@code count} files of {@code size} bytes at once from the first loop of a {@link Ferry}:
 * every file is opened, written in one {@code AsyncFile.write}, optionally fsynced, and closed, all
 * started together and driven by completions on that one loop thread. Content is a pattern of
 * 64-bit words {@code file << 40 | offset} (per file), or the same pattern for every file when
 * shared, which {@link #verify} checks with plain JDK reads.
 *
 * <p>Threads: {@link #run} and {@link #verify} from any thread except the loop's.
 */
public final class FileFanOut {
    private static final long TIMEOUT_SECONDS = 600;
    private final Path dir;
    private final int count;
    private final int size;
    private final boolean direct;
    private final boolean fsync;
    private final boolean sharedContent;

    /**
     * @param sharedContent one buffer written to every file (the benchmark), instead of one per file
     */
    public FileFanOut(Path dir, int count, int size, boolean direct, boolean fsync, boolean sharedContent) {
        if (count < 1 || size < 0 || size % 8 != 0) {
            throw new IllegalArgumentException("need >= 1 file and a size that is a multiple of 8, got "
                + count + " x " + size);
        }
        this.dir = dir;
        this.count = count;
        this.size = size;
        this.direct = direct;
        this.fsync = fsync;
        this.sharedContent = sharedContent;
    }

    public Path file(int i) {
        return dir.resolve("file-" + i);
    }

    /**
     * Writes the files; the clock runs from the first open to the last close.
     *
     * @param wholeFiles one {@link AsyncFile#writeFile} call per file instead of open, write, fsync and close
     */
    public FanOutResult run(Ferry ferry, boolean wholeFiles) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        EventLoop loop = ferry.loops().get(0);
        List<Buf> bufs = loop.await(() -> {
            List<Buf> l = new ArrayList<>();
            for (int i = 0; i < (sharedContent ? 1 : count); i++) {
                l.add(fill(loop.pool().acquire(Math.max(size, 1)), sharedContent ? 0 : i));
            }
            return l;
        });
        OpenOption[] options = direct
            ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, FerryOpenOption.DIRECT}
            : new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING};
        int before = ProcessThreads.count();
        String[] ioPath = new String[1];
        try (ProcessThreads threads = ProcessThreads.sample()) {
            long cpu = ProcessCpu.nanos();
            long start = System.nanoTime();
            CompletableFuture<Void> all = loop.await(() -> {
                List<CompletableFuture<Void>> files = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Buf b = bufs.get(sharedContent ? 0 : i);
                    if (wholeFiles) {
                        files.add(AsyncFile.writeFile(loop, file(i), b, fsync, options).thenRun(() -> { }));
                        continue;
                    }
                    files.add(AsyncFile.open(loop, file(i), options).thenCompose(f -> {
                        ioPath[0] = f.ioPath();
                        return f.write(b, 0)
                            .thenCompose(n -> fsync ? f.fsync() : CompletableFuture.completedFuture(null))
                            .handle((v, e) -> e)
                            .thenCompose(e -> f.closeAsync().thenRun(() -> rethrow(e)));
                    }));
                }
                return CompletableFuture.allOf(files.toArray(CompletableFuture[]::new));
            });
            await(all);
            long nanos = System.nanoTime() - start;
            if (wholeFiles) {
                ioPath[0] = ferry.fileIo() + ", one writeFile per file";
            }
            return new FanOutResult(count, (long) count * size, nanos, ioPath[0], threads.peak(),
                threads.peakKernelWorkers(), before, ProcessCpu.since(cpu));
        } finally {
            bufs.forEach(Buf::release);
        }
    }

    private static void rethrow(Throwable e) {
        if (e != null) {
            throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
        }
    }

    private static void await(CompletableFuture<Void> all) throws IOException, InterruptedException {
        try {
            all.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException ce ? ce.getCause()
                : e.getCause();
            throw c instanceof IOException io ? io : new IOException(c);
        } catch (TimeoutException e) {
            throw new IOException("files not written within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private Buf fill(Buf b, int fileIndex) {
        for (int at = 0; at < size; at += 8) {
            b.setLong(at, word(fileIndex, at));
        }
        return b.writeIndex(size);
    }

    private static long word(int fileIndex, long offset) {
        return (long) fileIndex << 40 | offset;
    }

    /**
     * Reads every file back with a {@link FileChannel} and checks its size and every word.
     *
     * @throws IOException naming the first file and offset that differ
     */
    public void verify() throws IOException {
        ByteBuffer in = ByteBuffer.allocate(Math.max(size, 8)).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < count; i++) {
            Path p = file(i);
            in.clear();
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                if (ch.size() != size) {
                    throw new IOException(p + ": size " + ch.size() + ", expected " + size);
                }
                while (in.position() < size && ch.read(in) >= 0) {
                    // read fully
                }
            }
            int expectedFile = sharedContent ? 0 : i;
            for (int at = 0; at < size; at += 8) {
                if (in.getLong(at) != word(expectedFile, at)) {
                    throw new IOException(p + ": wrong content at offset " + at);
                }
            }
        }
    }
}
