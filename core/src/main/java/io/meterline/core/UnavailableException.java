package io.meterline.core;

/** A dependency (Kafka, storage) can't take the request now; the client should retry later. */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
