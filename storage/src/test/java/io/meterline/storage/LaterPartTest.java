package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.Labels;
import io.meterline.core.storage.Bucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The hand-off of a later part: its buckets in order whoever reads it, failures passed on, nobody left waiting. */
class LaterPartTest {

    @Test
    void aHelperReadsAheadThroughASmallQueueAndTheAnswerKeepsItsOrder() throws Exception {
        LaterPart part = new LaterPart(buckets(1_000, null), 3);
        Thread helper = new Thread(part::readAhead);
        helper.start();
        List<Bucket> answer = new ArrayList<>();
        part.emitInto(answer::add);
        helper.join(10_000);
        assertThat(helper.isAlive()).isFalse();
        assertThat(answer).extracting(b -> b.start().getEpochSecond()).containsExactlyElementsOf(seconds(1_000));
    }

    @Test
    void theAskingThreadReadsAPartNoHelperStarted() {
        LaterPart part = new LaterPart(buckets(10, null), 3);
        List<Bucket> answer = new ArrayList<>();
        part.emitInto(answer::add);
        assertThat(answer).extracting(b -> b.start().getEpochSecond()).containsExactlyElementsOf(seconds(10));
        part.readAhead(); // a helper arriving late does nothing
        assertThat(answer).hasSize(10);
    }

    @Test
    void aHelpersFailureReachesTheAnswerAfterTheBucketsBeforeIt() throws Exception {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        LaterPart part = new LaterPart(buckets(5, boom), 100);
        Thread helper = new Thread(part::readAhead);
        helper.start();
        helper.join(10_000);
        List<Bucket> answer = new ArrayList<>();
        assertThatThrownBy(() -> part.emitInto(answer::add)).isSameAs(boom);
        assertThat(answer).hasSize(5);
    }

    @Test
    void givingUpStopsAHelperWaitingForRoom() throws Exception {
        LaterPart part = new LaterPart(buckets(1_000, null), 3);
        CountDownLatch done = new CountDownLatch(1);
        Thread helper = new Thread(() -> {
            part.readAhead();
            done.countDown();
        });
        helper.start();
        Thread.sleep(200); // the queue is full: the helper waits for room
        assertThat(done.getCount()).isEqualTo(1);
        part.abandon();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givingUpStopsAHelperThatStillHasRoom() throws Exception {
        LaterPart part = new LaterPart(into -> {
            for (long i = 0; ; i++) { // endless: only giving up ends it
                into.accept(new Bucket.GaugeBucket(Labels.EMPTY, Instant.ofEpochSecond(i), 1, 0, 0, 0, 0, Instant.EPOCH));
                if (i % 1_000 == 999) {
                    Thread.onSpinWait();
                }
            }
        }, 100_000_000);
        CountDownLatch done = new CountDownLatch(1);
        Thread helper = new Thread(() -> {
            part.readAhead();
            done.countDown();
        });
        helper.start();
        Thread.sleep(100);
        part.abandon();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClosedPoolLeavesThePartToTheAskingThread() {
        ReadThreads threads = new ReadThreads(2);
        threads.close();
        LaterPart part = new LaterPart(buckets(10, null), 3);
        threads.execute(part::readAhead);
        List<Bucket> answer = new ArrayList<>();
        part.emitInto(answer::add);
        assertThat(answer).hasSize(10);
    }

    /** A part of {@code count} one-second buckets, failing after them when {@code failure} is given. */
    private static Consumer<Consumer<Bucket>> buckets(int count, RuntimeException failure) {
        return into -> {
            for (int i = 0; i < count; i++) {
                into.accept(new Bucket.GaugeBucket(Labels.EMPTY, Instant.ofEpochSecond(i), 1, i, i, i, i,
                        Instant.ofEpochSecond(i)));
            }
            if (failure != null) {
                throw failure;
            }
        };
    }

    private static List<Long> seconds(int count) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            out.add(i);
        }
        return out;
    }
}
