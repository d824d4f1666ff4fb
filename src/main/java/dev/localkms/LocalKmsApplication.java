package dev.localkms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the local Alibaba Cloud KMS stand-in. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalKmsApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalKmsApplication.class, args);
    }
}
