package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class ErrorRepliesTest {

    private final ExceptionHandlerMethodResolver handlers = new ExceptionHandlerMethodResolver(ErrorReplies.class);

    @Test
    void closedResponseIsNotAnUnexpectedError() {
        Method handler = handlers.resolveMethod(
                new AsyncRequestNotUsableException("ServletOutputStream failed to write: the response is closed"));

        assertThat(handler).isNotNull();
        assertThat(handler.getName()).isEqualTo("replyNotWritable");
    }

    @Test
    void closedResponseGetsNoReply() {
        ErrorReplies replies = new ErrorReplies(null);

        assertThat(replies.replyNotWritable(new AsyncRequestNotUsableException("closed"),
                new MockHttpServletRequest())).isNull();
    }

    @Test
    void otherFailuresStayUnexpected() {
        Method handler = handlers.resolveMethod(new IllegalStateException("a bug"));

        assertThat(handler).isNotNull();
        assertThat(handler.getName()).isEqualTo("unexpected");
    }
}
