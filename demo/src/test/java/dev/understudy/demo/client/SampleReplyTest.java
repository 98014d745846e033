package dev.understudy.demo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleReplyTest {
    @Test
    void readsTheSamplesCounterReply() {
        SampleReply reply = SampleReply.parse("{\"session\":\"abc\",\"node\":\"node-2\",\"primary\":\"node-2\","
                + "\"secondary\":\"node-1\",\"epoch\":3,\"version\":7,\"count\":4}\n");

        assertThat(reply).isEqualTo(new SampleReply("abc", "node-2", "node-2", "node-1", 3L, 7L, 4));
    }

    @Test
    void missingFieldsAreNull() {
        assertThat(SampleReply.parse("{\"node\":\"node-1\",\"status\":\"UP\"}"))
                .isEqualTo(new SampleReply(null, "node-1", null, null, null, null, null));
        assertThat(SampleReply.parse("{\"count\":\"x\",\"epoch\":1.5}").count()).isNull();
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> SampleReply.parse("count=3 node=a session=b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
