/*
 * Starts a real, in-process Neo4j Community 5.26 LTS server for tests and CI.
 *
 *   java -Xmx1g -cp 'LIB/*' neo4j-server/StartNeo4j.java --home DIR [--port 7697] [--password PW]
 *        [--pidfile FILE]
 *
 * - Bolt only, bound to 127.0.0.1:PORT (no HTTP/HTTPS server; the embedded DBMS never starts one).
 * - Auth enabled. User "neo4j" gets the password from --password, else from the env var
 *   NEO4J_PASSWORD (preferred: not visible in `ps`); there is no default.
 *   It is set on the system database with ALTER USER ... CHANGE NOT REQUIRED, so clients can log in
 *   directly with it (no forced password change).
 * - DIR is the Neo4j home: databases go to DIR/data, logs (debug.log) to DIR/logs.
 * - Prints "NEO4J READY bolt://127.0.0.1:PORT" once a real Bolt client (the Java driver, which is on
 *   the class path anyway) has logged in with the new password and run RETURN 1.
 * - --pidfile FILE: writes this JVM's pid there at startup and removes it after a clean shutdown.
 * - SIGTERM/SIGINT: shuts the DBMS down cleanly and prints "NEO4J STOPPED".
 * - Exit code 1 on any startup failure (after printing "NEO4J FAILED ...").
 *
 * Jars: mvn -q -f neo4j-server/pom.xml dependency:copy-dependencies -DoutputDirectory=LIB
 * (scripts/neo4j-server.sh does all of this).
 */

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;

public class StartNeo4j {

    private static final String HOST = "127.0.0.1";

    private static long envLong(String name, long fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Long.parseLong(value.trim());
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 7697;
        String password = System.getenv("NEO4J_PASSWORD");
        Path pidfile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--password" -> password = args[++i];
                case "--pidfile" -> pidfile = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: StartNeo4j.java --home DIR [--port N] [--password PW]"
                            + " [--pidfile FILE]   (password also from env NEO4J_PASSWORD)");
                    return;
                }
                default -> fail("unknown argument: " + args[i], null);
            }
        }
        if (home == null) {
            fail("--home DIR is required", null);
        }
        if (password == null || password.isEmpty()) {
            fail("set NEO4J_PASSWORD (or --password): there is no default password", null);
        }
        if (password.length() < 8) {
            fail("password must have at least 8 characters (Neo4j's auth_minimum_password_length)", null);
        }
        home = home.toAbsolutePath();
        Files.createDirectories(home);
        if (pidfile != null) {
            Files.writeString(pidfile, ProcessHandle.current().pid() + "\n");
        }
        final Path pidfileToRemove = pidfile;

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(Map.<Setting<?>, Object>of(
                            BoltConnector.enabled, true,
                            BoltConnector.listen_address, new SocketAddress(HOST, port),
                            BoltConnector.advertised_address, new SocketAddress(HOST, port),
                            BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED,
                            GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST),
                            HttpConnector.enabled, false,
                            HttpsConnector.enabled, false,
                            GraphDatabaseSettings.auth_enabled, true))
                    // modest memory / disk for a test server
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(envLong("NEO4J_PAGECACHE_MB", 128)))
                    // Kennisgraaf loads in ONE transaction (atomic); big synthetic benchmarks raise this limit.
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(envLong("NEO4J_TX_MAX_MB", 512)))
                    // One transaction's memory (db.memory.transaction.max): bounds every console query. It bounds the
                    // one-transaction load too: when NEO4J_TX_MAX_MB is raised for a big benchmark, it follows.
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(envLong("NEO4J_TX_ONE_MAX_MB",
                            System.getenv("NEO4J_TX_MAX_MB") == null ? 256 : envLong("NEO4J_TX_MAX_MB", 512))))
                    // The read-only console must not read local files through LOAD CSV.
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .build();
        } catch (Throwable t) {
            fail("could not start the DBMS", t);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        final DatabaseManagementService service = dbms;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.shutdown();
                if (pidfileToRemove != null) {
                    Files.deleteIfExists(pidfileToRemove);
                }
                System.out.println("NEO4J STOPPED");
                System.out.flush();
            } catch (Throwable t) {
                System.err.println("NEO4J shutdown error: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        try {
            if (!dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).isAvailable(Duration.ofMinutes(2).toMillis())
                    || !dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(Duration.ofMinutes(2).toMillis())) {
                fail("databases did not become available", null);
            }
            // Embedded transactions run with full privileges, so this works without knowing the
            // current password; it also clears the "password change required" flag of the default user.
            final String pw = password;
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", pw));

            String uri = "bolt://" + HOST + ":" + port;
            try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", pw),
                         Config.builder().withoutEncryption().withConnectionTimeout(10, TimeUnit.SECONDS).build());
                 Session session = driver.session()) {
                driver.verifyConnectivity();
                session.run("RETURN 1").consume();
            }
            System.out.println("NEO4J READY " + uri);
            System.out.flush();
        } catch (Throwable t) {
            fail("startup check failed", t);
        }
        stopped.await();
    }

    private static void fail(String message, Throwable t) {
        System.out.println("NEO4J FAILED " + message + (t == null ? "" : ": " + t));
        if (t != null) {
            t.printStackTrace();
        }
        System.out.flush();
        System.exit(1); // runs the shutdown hook if the DBMS was started
    }
}
