package io.ferry.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Flight Recorder recording of Ferry's events for a test: every Ferry event on, slow file operations
 * from 0 ms (so any file operation shows), loop stalls at their default threshold.
 */
public final class FerryRecording implements AutoCloseable {
    /** Every event Ferry defines. */
    public static final List<String> NAMES = List.of("io.ferry.BackendSelected", "io.ferry.ConnectionOpened",
        "io.ferry.ConnectionClosed", "io.ferry.PoolGrown", "io.ferry.PoolTrimmed", "io.ferry.PoolExhausted",
        "io.ferry.RecvRingStarved",
        "io.ferry.LoopStall", "io.ferry.SlowFileOp");

    private final Recording recording = new Recording();

    private FerryRecording() {
    }

    /** {@return a started recording} */
    public static FerryRecording start() {
        FerryRecording r = new FerryRecording();
        for (String name : NAMES) {
            r.recording.enable(name);
        }
        r.recording.enable("io.ferry.SlowFileOp").withThreshold(Duration.ZERO);
        r.recording.start();
        return r;
    }

    /**
     * Stops the recording and reads back its Ferry events.
     *
     * @return the events, in the order the file holds them
     */
    public List<RecordedEvent> stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("ferry-events", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.ferry.")).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * {@return the events named {@code name}}
     *
     * @param events what {@link #stop()} returned
     * @param name the event name, e.g. {@code io.ferry.LoopStall}
     */
    public static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Override
    public void close() {
        recording.close();
    }
}
