package org.cqrsshop.common.event;

/**
 * A fact that happened to one aggregate, in the past tense, holding ids and values only.
 *
 * <p>Each aggregate's events form a sealed family in their own package ({@code event.product},
 * ...). This root cannot be sealed itself: on the class path, a sealed type may only permit
 * subtypes in its own package. {@link EventTypes} lists every family instead, and a test checks
 * that no event class is left out.
 */
public interface DomainEvent {}
