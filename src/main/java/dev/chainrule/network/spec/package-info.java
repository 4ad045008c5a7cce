/**
 * Network specs: the YAML format of docs/reference.md §1 read into immutable records ({@link
 * dev.chainrule.network.spec.NetworkSpec}, {@link dev.chainrule.network.spec.LayerSpec}, {@link
 * dev.chainrule.network.spec.Sample}), parameter names ({@link dev.chainrule.network.spec.ParamId}, {@code w[l,i,j]},
 * {@code b[l,i]}, canonical order), and the loader that checks every rule and reports a broken one as a one-line
 * {@link dev.chainrule.UserError} naming file, line and field ({@link dev.chainrule.network.spec.SpecLoader}).
 * The YAML is only composed to a node tree, never constructed into objects. {@link
 * dev.chainrule.network.spec.SpecGenerator} makes deterministic specs of any size and writes specs back as YAML;
 * {@link dev.chainrule.network.spec.BuiltinExamples} holds the networks of the lecture notes. Depends on nothing
 * else of ours but {@code UserError}.
 */
package dev.chainrule.network.spec;
