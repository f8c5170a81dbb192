package io.meterline.core;

/** Input a client sent that cannot be accepted; the message is the sentence the client reads. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message, null, false, false);
    }

    /** The same problem, prefixed with where it was found ({@code point [3]: …}, {@code line 4: …}). */
    public InvalidInputException at(String where) {
        return new InvalidInputException(where + ": " + getMessage());
    }
}
