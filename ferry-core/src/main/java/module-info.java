/**
 * Ferry: an asynchronous I/O runtime on io_uring, epoll and java.nio behind one API.
 *
 * <p>Exported, the API users program against: {@code io.ferry} (the runtime and backend selection),
 * {@code io.ferry.backend} (which backends exist and whether they run here), {@code io.ferry.loop},
 * {@code io.ferry.buffer}, {@code io.ferry.net}, {@code io.ferry.net.blocking}, {@code io.ferry.net.tls} and
 * {@code io.ferry.file}.
 * Not exported: the loop implementation ({@code io.ferry.runtime}), the backend contract
 * ({@code io.ferry.spi}), the runtime's access to a buffer pool's owner operations ({@code io.ferry.buffer.internal}),
 * the connection core ({@code io.ferry.connection}), the file queues and
 * blocking pool ({@code io.ferry.file.internal}), the three backends ({@code io.ferry.backend.uring},
 * {@code .epoll}, {@code .nio}), the io_uring ring library ({@code io.ferry.linux.uring}), the
 * foreign-function layer ({@code io.ferry.linux}), and the debug-check switch and Flight Recorder events
 * ({@code io.ferry.diagnostics}).
 *
 * <p>Run with {@code --enable-native-access=io.ferry.core} (the Linux backends call the kernel through
 * the FFM API) and, for virtual threads carried by the loops, {@code --add-opens
 * java.base/java.lang=io.ferry.core}; without the latter they run on the JDK's carriers.
 */
module io.ferry.core {
    requires java.management; // a loop thread's CPU time, for the LoopStall event
    requires jdk.jfr;
    requires jdk.net;

    exports io.ferry;
    exports io.ferry.backend;
    exports io.ferry.buffer;
    exports io.ferry.file;
    exports io.ferry.loop;
    exports io.ferry.net;
    exports io.ferry.net.blocking;
    exports io.ferry.net.tls;
}
