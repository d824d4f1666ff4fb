package dev.localkms.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Parses the seed file example of the README, so that the documented format stays true. */
class ReadmeSeedExampleTest {

    @Test
    void readmeExampleParses() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Seed file");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = readme.indexOf("```", start);

        SeedFile file = SeedFileParser.parse(readme.substring(start, end), "cn-hangzhou");

        assertThat(section).isNotNegative();
        assertThat(file.accounts()).hasSize(1);
        assertThat(file.accounts().get(0).users()).hasSize(1);
        assertThat(file.accounts().get(0).policies()).hasSize(1);
        assertThat(file.accounts().get(0).keys()).hasSize(1);
        assertThat(file.accounts().get(0).aliases()).hasSize(1);
    }
}
