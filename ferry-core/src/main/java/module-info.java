/**
 * Ferry: an asynchronous I/O runtime on io_uring, epoll and java.nio behind one API.
 *
 * <p>Exported: the API users program against ({@code io.ferry}, {@code io.ferry.net},
 * {@code io.ferry.net.blocking}, {@code io.ferry.file}, {@code io.ferry.buffer}, {@code io.ferry.loop})
 * and, until the backend contract and the connection core are split apart, {@code io.ferry.backend}
 * (where {@code BackendKind} lives). Not exported: the foreign-function layer and the three backends.
 *
 * <p>Run with {@code --enable-native-access=io.ferry.core} (the Linux backends call the kernel through
 * the FFM API) and, for virtual threads carried by the loops, {@code --add-opens
 * java.base/java.lang=io.ferry.core}; without the latter they run on the JDK's carriers.
 */
module io.ferry.core {
    exports io.ferry;
    exports io.ferry.backend;
    exports io.ferry.buffer;
    exports io.ferry.file;
    exports io.ferry.loop;
    exports io.ferry.net;
    exports io.ferry.net.blocking;
}
