/**
 * Reading and writing user files safely: {@link dev.chainrule.io.TextFiles} reads only regular text files (not
 * a FIFO or a device, not binary, not beyond a size limit) and reports a failed write, each as one reason the
 * caller prefixes with the file name once. Imports nothing else of ours.
 */
package dev.chainrule.io;
