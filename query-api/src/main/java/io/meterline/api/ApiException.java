package io.meterline.api;

/** An answer other than success, with the status and the sentence the client reads. */
final class ApiException extends RuntimeException {

    private final int status;

    private ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    static ApiException metricNotFound() {
        return new ApiException(404, "Metric not found");
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message);
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "The body is larger than the limit of " + limit + " bytes: send it in smaller batches.");
    }
}
