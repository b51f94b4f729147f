package io.ferry.guide;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import io.ferry.file.FerryFile;
import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The code of docs/GUIDE.md. Each region between {@code // snippet:NAME} and {@code // end} appears
 * verbatim in the guide; {@link GuideSnippetsTest} checks that, and running the test runs the code.
 */
final class GuideSnippets {
    private GuideSnippets() {
    }

    static Listener echo(Ferry ferry) throws IOException {
        // snippet:echo
        Listener listener = ferry.listen(new InetSocketAddress("127.0.0.1", 0), conn -> new Handler() {
            @Override
            public void onData(Connection c, Buf data) {
                c.writeAndFlush(data); // ownership of the received buffer moves into the write queue
                if (!c.isWritable()) {
                    c.pauseReading(); // the peer is not reading its echoes: stop reading ours
                }
            }

            @Override
            public void onWritable(Connection c) {
                c.resumeReading();
            }
        });
        // end
        return listener;
    }

    static FerryServer blockingEcho(Ferry ferry) throws IOException {
        // snippet:blockingEcho
        FerryServer server = FerryServer.bind(ferry, new InetSocketAddress("127.0.0.1", 0), socket -> {
            for (Buf b; (b = socket.read()) != null; ) { // parks until the loop hands over a kernel-filled buffer
                socket.write(b);                          // takes ownership; parks only above the high watermark
                socket.flush();                           // the loop sends it: no copy
            }
        });
        // end
        return server;
    }

    static Ferry start(BackendKind kind) throws IOException {
        // snippet:start
        Ferry ferry = Ferry.builder()
            .backend(kind)          // AUTO picks io_uring, then epoll, then java.nio
            .loops(1)               // one event loop thread (default: one per core)
            .build();
        // end
        return ferry;
    }

    static int countLines(Connection c, Buf data) {
        // snippet:parse
        int lines = 0;
        for (int i = data.readIndex(); (i = data.indexOf(i, data.writeIndex(), (byte) '\n')) >= 0; i++) {
            lines++;
        }
        data.release(); // done with it: the memory goes back to the loop's pool (or the kernel's ring)
        // end
        return lines;
    }

    static void reply(Connection c) {
        // snippet:reply
        Buf out = c.writer().reserve(64);   // pooled memory; a message never straddles two buffers
        out.writeAscii("+PONG\r\n");
        c.flush();                          // everything queued goes out in one gathered write
        // end
    }

    static Ferry fileSettings() throws IOException {
        // snippet:fileSettings
        Ferry ferry = Ferry.builder()
            .fileThreads(16)         // blocking pool threads per loop on epoll and java.nio (default 64)
            .fileQueueCapacity(1024) // operations waiting for them; beyond it they are refused (default 4096)
            .fileOpsInFlight(128)    // file operations in each io_uring loop's kernel at once (default 256)
            .fileKernelWorkers(32)   // kernel workers per ring for fsync, creates (default 64)
            .build();
        // end
        return ferry;
    }

    /** Any thread; the futures complete on the loop. */
    static CompletableFuture<Void> saveAll(EventLoop loop, Path dir, List<Buf> parts) {
        // snippet:wholeFile
        CompletableFuture<?>[] saved = new CompletableFuture<?>[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            // create or truncate, write every byte, fsync, close: one call and one completion per file
            saved[i] = AsyncFile.writeFile(loop, dir.resolve("part-" + i), parts.get(i), true);
        }
        return CompletableFuture.allOf(saved);
        // end
    }

    /** Runs on a virtual thread. */
    static long saveAndSize(Ferry ferry, Path path, Buf data) throws IOException {
        // snippet:blockingFile
        try (FerryFile f = FerryFile.open(ferry.loops(), path, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            f.write(data, 0);   // parks this virtual thread until the completion; the caller keeps data
            f.fsync();          // failures are FileIoExceptions naming the operation and the file
            return f.size();
        }
        // end
    }
}
