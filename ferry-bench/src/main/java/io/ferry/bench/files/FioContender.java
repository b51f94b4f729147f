package io.ferry.bench.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fio with {@code --ioengine=io_uring}, the near-limit reference: one job writes the scenario's
 * files round-robin with one block per file ({@code bs = filesize}), {@code iodepth} writes in
 * flight, files created at open ({@code create_on_open}) and, with fsync, synced on close. Its own
 * bandwidth figure ({@code write.bw_bytes} of the JSON output) is what counts.
 */
public final class FioContender implements FileContender {
    private static final Pattern WRITE_BW = Pattern.compile("\"write\"\\s*:\\s*\\{.*?\"bw_bytes\"\\s*:\\s*(\\d+)",
        Pattern.DOTALL);
    private static final Pattern RUNTIME_MS = Pattern.compile("\"job_runtime\"\\s*:\\s*(\\d+)");
    private static final Pattern USR_CPU = Pattern.compile("\"usr_cpu\"\\s*:\\s*([0-9.]+)");
    private static final Pattern SYS_CPU = Pattern.compile("\"sys_cpu\"\\s*:\\s*([0-9.]+)");
    private final int iodepth;
    private String lastCommand;

    public FioContender(int iodepth) {
        this.iodepth = iodepth;
    }

    @Override
    public String name() {
        return "fio-io_uring";
    }

    @Override
    public String unavailableReason() {
        try {
            Process p = new ProcessBuilder("fio", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "fio --version failed";
        } catch (IOException | InterruptedException e) {
            return "fio is not installed (apt-get install fio)";
        }
    }

    /** The command of the last run, for the record. */
    public String lastCommand() {
        return lastCommand;
    }

    /** The fio command line for {@code s} writing into {@code dir}. */
    public List<String> command(FileScenario s, Path dir) {
        return new ArrayList<>(List.of("fio", "--name=fanout", "--directory=" + dir,
            "--ioengine=io_uring", "--rw=write", "--bs=" + s.size(), "--filesize=" + s.size(),
            "--nrfiles=" + s.count(), "--openfiles=" + s.count(), "--size=" + s.bytes(),
            "--iodepth=" + iodepth, "--create_on_open=1", "--file_service_type=roundrobin",
            "--direct=" + (s.direct() ? 1 : 0), "--fsync_on_close=" + (s.fsync() ? 1 : 0),
            "--output-format=json"));
    }

    @Override
    public FanOutResult run(FileScenario s, Path dir) throws Exception {
        List<String> cmd = command(s, dir);
        lastCommand = String.join(" ", cmd);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("fio failed (" + lastCommand + "): " + err + out);
        }
        Matcher m = WRITE_BW.matcher(out);
        if (!m.find()) {
            throw new IOException("no write bandwidth in fio's output: " + out);
        }
        long bw = Long.parseLong(m.group(1));
        try (var files = Files.list(dir)) {
            long n = files.count();
            if (n != s.count()) {
                throw new IOException("fio wrote " + n + " files, expected " + s.count());
            }
        }
        long nanos = bw == 0 ? Long.MAX_VALUE : (long) (s.bytes() * 1e9 / bw);
        return new FanOutResult(s.count(), s.bytes(), nanos, "fio", -1, -1, -1, cpuNanos(out));
    }

    /** fio's own CPU figure: usr_cpu + sys_cpu, percentages of job_runtime (ms); -1 when missing. */
    static long cpuNanos(String json) {
        Matcher runtime = RUNTIME_MS.matcher(json);
        Matcher usr = USR_CPU.matcher(json);
        Matcher sys = SYS_CPU.matcher(json);
        if (!runtime.find() || !usr.find() || !sys.find()) {
            return -1;
        }
        double percent = Double.parseDouble(usr.group(1)) + Double.parseDouble(sys.group(1));
        return (long) (Long.parseLong(runtime.group(1)) * 1e6 * percent / 100);
    }
}
