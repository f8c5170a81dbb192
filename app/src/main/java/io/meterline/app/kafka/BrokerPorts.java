package io.meterline.app.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The two ports of the embedded broker on 127.0.0.1. They are chosen once and kept next to the data:
 * the KRaft metadata records the controller's endpoint, so a restart must bind the same port.
 */
record BrokerPorts(int broker, int controller) {

    static final String FILE_NAME = "ports.properties";
    static final String LOOPBACK = "127.0.0.1";

    BrokerPorts {
        if (broker <= 0 || broker > 65535 || controller <= 0 || controller > 65535 || broker == controller) {
            throw new IllegalArgumentException("invalid Kafka ports [broker=" + broker + ", controller=" + controller + "]");
        }
    }

    /** The persisted ports of {@code dataDir}, or two free ones chosen and saved now. */
    static BrokerPorts loadOrChoose(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        BrokerPorts chosen = chooseFree();
        chosen.save(file);
        return chosen;
    }

    static BrokerPorts load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
            return new BrokerPorts(Integer.parseInt(props.getProperty("broker.port", "").trim()),
                    Integer.parseInt(props.getProperty("controller.port", "").trim()));
        } catch (IOException | IllegalArgumentException e) {
            throw KafkaBrokerException.badPortsFile(file, e);
        }
    }

    void save(Path file) {
        Properties props = new Properties();
        props.setProperty("broker.port", Integer.toString(broker));
        props.setProperty("controller.port", Integer.toString(controller));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp)) {
                props.store(out, "Ports of the embedded Kafka broker; the KRaft data in this folder needs the same controller port");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw KafkaBrokerException.badPortsFile(file, e);
        }
    }

    /** Fails with the port and the file named when another process holds one of the ports. */
    void requireFree(Path portsFile) {
        if (!isFree(controller)) {
            throw KafkaBrokerException.portTaken("controller", controller, portsFile);
        }
        if (!isFree(broker)) {
            throw KafkaBrokerException.portTaken("broker", broker, portsFile);
        }
    }

    private static BrokerPorts chooseFree() {
        // both sockets open at once so the two ports differ
        try (ServerSocket a = bind(0); ServerSocket b = bind(0)) {
            return new BrokerPorts(a.getLocalPort(), b.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot find free ports [host=" + LOOPBACK + "]", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = bind(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // as the JDK does for the broker's own sockets: a port left in TIME_WAIT by our last run counts as free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
