package app.highway.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Sends the SDK's requests to another base URL than {@code https://api.twilio.com}
 * ({@code TWILIO_API_BASE_URL}), e.g. a local fake in tests or a proxy.
 */
final class BaseUrlHttpClient extends NetworkHttpClient {
    private final String base;

    BaseUrlHttpClient(URI base) {
        this.base = base.toString();
    }

    @Override
    public Response makeRequest(Request request) {
        URI original = URI.create(request.getUrl());
        String rewritten = base + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        Request copy = new Request(request.getMethod(), rewritten);
        if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        } else if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        }
        copy.setContentType(request.getContentType());
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        copyInto(request.getQueryParams(), copy::addQueryParam);
        copyInto(request.getPostParams(), copy::addPostParam);
        copyInto(request.getHeaderParams(), copy::addHeaderParam);
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return super.makeRequest(copy);
    }

    private static void copyInto(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(v -> add.accept(name, v)));
    }
}
