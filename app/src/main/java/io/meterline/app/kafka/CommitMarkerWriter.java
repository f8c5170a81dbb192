package io.meterline.app.kafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.requests.TransactionResult;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * Writes a COMMIT marker for one producer's open transaction on some partitions of the embedded
 * broker: what the transaction coordinator does after a commit, done by hand. Kafka's Admin client
 * can only write ABORT markers ({@code abortTransaction}); this sends the same broker request
 * (WriteTxnMarkers, Kafka's own request classes) with COMMIT, over one plain socket, because
 * the embedded broker is a loopback PLAINTEXT listener. Used only by {@link HangingTransactionRepair}.
 */
final class CommitMarkerWriter {

    private static final int TIMEOUT_MS = 10_000;

    private final InetSocketAddress broker;

    CommitMarkerWriter(InetSocketAddress broker) {
        this.broker = broker;
    }

    /**
     * The marker carries the epoch and coordinator epoch the partition holds for the producer (as
     * Admin's abort does) and the transaction version 0 rules: a marker of the data's own epoch.
     */
    Map<TopicPartition, Errors> commit(long producerId, short producerEpoch, int coordinatorEpoch,
                                       List<TopicPartition> partitions) throws IOException {
        short version = ApiKeys.WRITE_TXN_MARKERS.latestVersion();
        WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(List.of(
                new WriteTxnMarkersRequest.TxnMarkerEntry(producerId, producerEpoch, coordinatorEpoch,
                        TransactionResult.COMMIT, partitions, (short) 0))).build(version);
        ByteBuffer serialized = request.serializeWithHeader(
                new RequestHeader(ApiKeys.WRITE_TXN_MARKERS, version, "meterline-transaction-repair", 1));
        byte[] frame = new byte[serialized.remaining()];
        serialized.get(frame);
        try (Socket socket = new Socket()) {
            socket.connect(broker, TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            DataOutputStream to = new DataOutputStream(socket.getOutputStream());
            to.writeInt(frame.length); // Kafka's framing: a size, then header and body
            to.write(frame);
            to.flush();
            DataInputStream from = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[from.readInt()];
            from.readFully(answer);
            ByteBuffer in = ByteBuffer.wrap(answer);
            ResponseHeader.parse(in, ApiKeys.WRITE_TXN_MARKERS.responseHeaderVersion(version));
            WriteTxnMarkersResponse response = WriteTxnMarkersResponse.parse(new ByteBufferAccessor(in), version);
            return response.errorsByProducerId().getOrDefault(producerId, Map.of());
        }
    }
}
