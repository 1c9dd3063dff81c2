package org.newsdesk.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A local server the test gets started and closed for it: on a field (static: once for the class; otherwise for each
 * test) or on a test or life-cycle method's parameter. The type is {@link LocalHttpServer} or a fake built on one (a
 * class with a constructor taking a {@code LocalHttpServer}, closing it when closed).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalServerExtension.class)
public @interface LocalServer {
}
