/**
 * What the owner's console reads that no other endpoint shows: the dashboard's figures, order
 * search and an order's timeline, products with their stock, calling systems and members. Plain
 * read-only SQL over the tables the other capabilities own; nothing here writes.
 */
package io.payonce.console;
