package dev.localkms.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Spring Boot web app with one endpoint; the benchmark times its start-up against the service's. */
@SpringBootApplication
@RestController
public class BareApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }

    @GetMapping("/ready")
    String ready() {
        return "ok";
    }
}
