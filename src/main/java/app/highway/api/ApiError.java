package app.highway.api;

/** The JSON body of every error the API returns: a stable {@code error} word and a message for people. */
public record ApiError(String error, String message, Integer twilioCode, String moreInfo, String id) {
    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null, null);
    }
}
