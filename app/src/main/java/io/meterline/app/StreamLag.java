package io.meterline.app;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * How far the stream is behind the points topic: per partition its tasks hold, the highest offset
 * seen less the committed one, summed. Offsets are committed only after the storage commit that
 * covers them, so this counts every point accepted and not yet stored, fetched and buffered ones
 * too. (The consumers' own records-lag counts from the fetch position: near 0 exactly when
 * storage stalls and the buffers fill.)
 */
final class StreamLag {

    private final KafkaStreams streams;
    private final String pointsTopic;

    StreamLag(KafkaStreams streams, String pointsTopic) {
        this.streams = streams;
        this.pointsTopic = pointsTopic;
    }

    double records() {
        long lag = 0;
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (Map.Entry<TopicPartition, Long> end : task.endOffsets().entrySet()) {
                    if (end.getKey().topic().equals(pointsTopic) && end.getValue() >= 0) {
                        long committed = task.committedOffsets().getOrDefault(end.getKey(), -1L);
                        lag += Math.max(0, end.getValue() - Math.max(0, committed));
                    }
                }
            }
        }
        return lag;
    }
}
