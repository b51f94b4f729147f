package io.ferry.bench.stress;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class RefusingPortTest {
    @Test
    void refusesConnects() throws Exception {
        try (RefusingPort port = RefusingPort.open()) {
            InetSocketAddress to = port.address();
            assertThrows(ConnectException.class, () -> new Socket(to.getAddress(), to.getPort()).close());
        }
    }

    /**
     * The chaos suite once saw a connect to the "refused" port succeed: the port had been freed and a
     * listener of a concurrent move was given it. While held, nothing else may take the port.
     */
    @Test
    void noOtherSocketCanListenOnItWhileHeld() throws Exception {
        try (RefusingPort port = RefusingPort.open()) {
            InetSocketAddress held = port.address();
            assertThrows(BindException.class, () -> new ServerSocket(held.getPort(), 1, held.getAddress()).close());
        }
    }
}
