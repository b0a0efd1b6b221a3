package org.cqrsshop.query.product;

/** A category and how many live products it holds, as counted over the product views. */
public record ProductsInCategory(String category, int productCount) {}
