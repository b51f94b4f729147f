package io.ferry.bench.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Ferry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Purpose: ferry-core as a Maven user gets it: the standalone project in src/test/resources/consumer-project
// declares io.ferry:ferry-core:<this version>, builds offline with the repository's ./mvnw, and its echo round
// trip runs on the class path and on the module path. It resolves ferry-core from a local repository holding
// this build's jar (its plugins come from ~/.m2 as a read-only tail): ~/.m2's own ferry-core is whatever a
// worktree installed last, and `./ferry test` (verify) installs nothing.
@Timeout(90)
class MavenConsumerProjectTest {
    private static final String GROUP_PATH = "io/ferry/";

    @TempDir
    static Path dir;
    private static Path project;
    /** Why the tests skip, or null: a skip from {@code @BeforeAll} would leave no trace in Surefire's report. */
    private static String skipped;

    @BeforeAll
    static void buildTheConsumerProject() throws Exception {
        Path core = Path.of(Ferry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!core.toString().endsWith(".jar")) {
            skipped = "ferry-core is loaded from " + core + ", not a jar: run in a full build (./ferry test or "
                + "./mvnw verify), which packages it first";
            return;
        }
        Path root = repositoryRoot();
        String version = version(core);
        Path repo = dir.resolve("repo");
        stage(repo, "ferry-core", version, core, pomInside(core));
        stage(repo, "ferry-parent", version, null, Files.readString(root.resolve("pom.xml")));
        project = copyProject(dir.resolve("consumer-project"));
        Path m2 = Path.of(System.getProperty("maven.repo.local",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Result r = run(project, List.of(root.resolve("mvnw").toString(), "-o", "-q", "-B",
            "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + m2, "-Dferry.version=" + version,
            "compile"), 60);
        assertEquals(0, r.code, "the offline Maven build of the consumer failed (its plugins must be in " + m2
            + ", where Ferry's own build puts them):\n" + r.out + r.err);
        assertTrue(Files.isRegularFile(project.resolve("target/lib/ferry-core-" + version + ".jar")),
            "Maven did not resolve ferry-core " + version);
    }

    @Test
    void shouldEchoOnTheClassPath() throws Exception {
        assumeTrue(skipped == null, skipped);
        assertEchoed(run(project, List.of(java(), "--enable-native-access=ALL-UNNAMED", "--add-opens",
            "java.base/java.lang=ALL-UNNAMED", "-cp", "target/classes" + java.io.File.pathSeparator + "target/lib/*",
            "consumer.Echo"), 30));
    }

    @Test
    void shouldEchoOnTheModulePath() throws Exception {
        assumeTrue(skipped == null, skipped);
        assertEchoed(run(project, List.of(java(), "--enable-native-access=io.ferry.core", "--add-opens",
            "java.base/java.lang=io.ferry.core", "-p", "target/lib" + java.io.File.pathSeparator + "target/classes",
            "-m", "ferry.consumer/consumer.Echo"), 30));
    }

    private static void assertEchoed(Result r) {
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.startsWith("echoed 26 bytes on "), r.out + r.err);
        assertFalse(r.err.contains("WARNING"), "the JVM warned: " + r.err);
    }

    /** The directory holding ./mvnw, above the test's working directory (ferry-bench). */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve("ferry-core/pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("no ./mvnw above " + Path.of("").toAbsolutePath());
    }

    private static String version(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile());
             InputStream in = f.getInputStream(f.getEntry("META-INF/maven/io.ferry/ferry-core/pom.properties"))) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    private static String pomInside(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile());
             InputStream in = f.getInputStream(f.getEntry("META-INF/maven/io.ferry/ferry-core/pom.xml"))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Lays out one artifact as a local Maven repository does, as if installed. */
    private static void stage(Path repo, String artifact, String version, Path jar, String pom) throws IOException {
        Path d = Files.createDirectories(repo.resolve(GROUP_PATH + artifact + "/" + version));
        String base = artifact + "-" + version;
        Files.writeString(d.resolve(base + ".pom"), pom);
        if (jar != null) {
            Files.copy(jar, d.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path copyProject(Path to) throws IOException, URISyntaxException {
        Path from = Path.of(MavenConsumerProjectTest.class.getResource("/consumer-project/pom.xml").toURI())
            .getParent();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} in {@code cwd} with this JVM's JDK as JAVA_HOME, at most {@code seconds}. */
    private static Result run(Path cwd, List<String> command, int seconds) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(cwd.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + seconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int code, String out, String err) {
    }
}
