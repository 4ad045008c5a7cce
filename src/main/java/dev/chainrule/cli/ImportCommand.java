package dev.chainrule.cli;

import dev.chainrule.UserError;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.LayerSpec;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.Reduction;
import dev.chainrule.network.spec.Sample;
import dev.chainrule.network.spec.SpecGenerator;
import dev.chainrule.network.spec.SpecLoader;
import dev.chainrule.network.spec.SpecNames;
import dev.chainrule.network.spec.TorchImport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule import STATE.json --layers relu,sigmoid --loss bce --sample 0,1:1 -o SPEC.yaml}: a PyTorch
 * state dict of nn.Linear layers (exported as JSON) with one activation per layer, a loss and data, written as a
 * spec that every other command reads.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a PyTorch network: a state_dict of nn.Linear layers saved as JSON, with",
                "  json.dump({k: v.tolist() for k, v in model.state_dict().items()}, open(\"w.json\", \"w\"))",
                "becomes a chainrule spec (YAML). NAME.weight and NAME.bias are paired by NAME, in the order of the "
                        + "file; nn.Linear.weight [out][in] is the spec's weights[i][j] as it is.",
                "The activations are not in a state_dict: --layers names one per nn.Linear layer.",
                "Data comes from --data FILE (a list of {x: [...], y: [...]} samples, or a spec whose data: is "
                        + "taken) or from --sample X:Y options.",
                "Without -o the spec is written to stdout."})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STATE.json", description = "The state_dict as JSON {name: tensor.tolist()}.")
    Path stateFile;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "ACT",
            description = "One activation per nn.Linear layer, in order: identity | linear | sigmoid | tanh | relu | "
                    + "leaky_relu | softmax | softplus | elu | gelu | silu, or torch's class names (nn.ReLU, LeakyReLU, GELU …), "
                    + "e.g. relu,sigmoid; each with torch's defaults: leaky_relu's slope 0.01, elu's α = 1, gelu exact.")
    List<String> layers;

    @Option(names = "--loss", required = true, paramLabel = "LOSS",
            description = "se | half_se | bce | ce | mae | huber (nn.BCELoss is bce, nn.CrossEntropyLoss after a softmax layer is ce, "
                    + "nn.MSELoss is se).")
    String loss;

    @Option(names = "--reduction", defaultValue = "mean", paramLabel = "R",
            description = "mean | sum over the samples (default: ${DEFAULT-VALUE}, as torch's losses).")
    String reduction;

    @Option(names = "--inputs", split = ",", paramLabel = "NAME",
            description = "Names of the inputs (default: x1..xn).")
    List<String> inputs;

    @Option(names = "--outputs", split = ",", paramLabel = "NAME",
            description = "Names of the outputs (default: yhat, or yhat1..yhatK).")
    List<String> outputs;

    @Option(names = "--data", paramLabel = "FILE", description = "The samples (YAML or JSON): a list of "
            + "{x: [...], y: [...]}, or a mapping with a data: key such as a spec.")
    Path data;

    @Option(names = "--sample", paramLabel = "X:Y", description = "One sample, inputs and targets comma-separated, "
            + "e.g. --sample 0.5,-1:1 (repeat it for more samples).")
    List<String> samples;

    @Option(names = "--learning-rate", paramLabel = "η", defaultValue = "0.1",
            description = "The spec's learning_rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--name", paramLabel = "TITLE", description = "A title for the spec (default: imported from STATE.json).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "SPEC.yaml", description = "Write the spec to this file.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Activation> activations = new ArrayList<>(layers.size());
        for (String a : layers) {
            activations.add(dev.chainrule.network.spec.TorchImport.activation(a).orElseThrow(() -> new UserError("--layers " + a
                    + ": not an activation; expected one of " + String.join(", ", Activation.YAML_NAMES)
                    + " (or torch's class name, e.g. nn.ReLU)")));
        }
        Loss lossKind = Loss.fromYaml(loss).orElseThrow(() -> new UserError("--loss " + loss
                + ": not a loss; expected one of " + String.join(", ", Loss.YAML_NAMES)));
        Reduction red = Reduction.fromYaml(reduction).orElseThrow(() -> new UserError("--reduction " + reduction
                + ": expected one of " + String.join(", ", Reduction.YAML_NAMES)));
        if (!Double.isFinite(learningRate) || learningRate <= 0) {
            throw new UserError("--learning-rate " + learningRate + ": expected a positive number");
        }
        if ((data == null) == (samples == null)) {
            throw new UserError(data == null ? "import needs data: --data FILE or one --sample X:Y per sample "
                    + "(e.g. --sample 0,1:1)" : "give --data FILE or --sample X:Y, not both");
        }
        if (output != null && java.nio.file.Files.isDirectory(output)) {
            throw new UserError("-o " + output + ": is a folder; give a file name such as imported.yaml");
        }
        String json;
        try {
            json = dev.chainrule.io.TextFiles.read(stateFile, TorchImport.MAX_FILE_BYTES,
                    String.format(Locale.ROOT, "%,d (64 MB) for a state dict", TorchImport.MAX_FILE_BYTES));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError(stateFile + ": " + e.getMessage());
        }
        List<LayerSpec> net = TorchImport.layers(json, stateFile.toString(), activations);
        TorchImport.lossProblem(lossKind, net).ifPresent(p -> {
            throw new UserError("--loss " + lossKind.yamlName() + ": " + p);
        });
        int inWidth = net.get(0).fanIn();
        int outWidth = net.get(net.size() - 1).units();
        List<String> in = names(inputs, "--inputs", inWidth, "in_features of the first layer");
        if (in == null) {
            in = new ArrayList<>();
            for (int j = 1; j <= inWidth; j++) {
                in.add("x" + j);
            }
        }
        List<String> out = names(outputs, "--outputs", outWidth, "out_features of the last layer");
        List<String> outNames = out == null ? SpecNames.defaultOutputs(outWidth) : out;
        List<Sample> set = data != null ? readData(in, outNames, lossKind) : parseSamples(inWidth, outWidth, lossKind);
        String title = name != null ? name : "imported from " + stateFile.getFileName();
        NetworkSpec result = new NetworkSpec(in, out, net, lossKind, red, learningRate, set, title);
        String yaml = "# imported by chainrule import from " + stateFile.getFileName() + " (--layers "
                + String.join(",", layers) + ")\n" + SpecGenerator.toYaml(result);
        SpecLoader.parse(yaml, "the imported spec"); // the spec reads back: every rule of a spec holds
        if (output == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
        } else {
            try {
                dev.chainrule.io.TextFiles.write(output, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (dev.chainrule.io.TextFiles.Refused e) {
                throw new UserError("cannot write " + output + ": " + e.getMessage());
            }
            spec.commandLine().getErr().println("chainrule: wrote " + output + ": " + result.shape() + " network, "
                    + result.parameterCount() + " parameters, " + set.size() + " sample" + (set.size() == 1 ? "" : "s"));
            spec.commandLine().getErr().flush();
        }
        return Main.OK;
    }

    private static List<String> names(List<String> given, String option, int width, String what) {
        if (given == null) {
            return null;
        }
        List<String> names = given.stream().map(String::strip).toList();
        if (names.size() != width) {
            throw new UserError(option + ": " + names.size() + " name" + (names.size() == 1 ? "" : "s") + " for the "
                    + width + " " + what);
        }
        for (String n : names) {
            TorchImport.nameProblem(n, option.equals("--outputs")).ifPresent(p -> {
                throw new UserError(option + ": " + p);
            });
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new UserError(option + ": a name appears twice");
        }
        return names;
    }

    private List<Sample> readData(List<String> in, List<String> out, Loss lossKind) {
        String text;
        try {
            text = dev.chainrule.io.TextFiles.read(data, SpecLoader.MAX_FILE_BYTES, String.format(Locale.ROOT,
                    "%,d (5 MB) for data", SpecLoader.MAX_FILE_BYTES));
        } catch (dev.chainrule.io.TextFiles.Refused e) {
            throw new UserError(data + ": " + e.getMessage());
        }
        return TorchImport.data(text, data.toString(), in, out, lossKind);
    }

    private List<Sample> parseSamples(int inWidth, int outWidth, Loss lossKind) {
        if (samples.size() > SpecLoader.MAX_SAMPLES) {
            throw new UserError("--sample: more than " + SpecLoader.MAX_SAMPLES + " samples; use --data FILE");
        }
        List<Sample> set = new ArrayList<>(samples.size());
        for (String s : samples) {
            int colon = s.indexOf(':');
            if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
                throw new UserError("--sample " + s + ": expected X:Y, inputs and targets comma-separated, e.g. 0.5,-1:1");
            }
            double[] x = numbers(s, s.substring(0, colon), inWidth, "input", "the first layer's in_features");
            double[] y = numbers(s, s.substring(colon + 1), outWidth, "target", "the last layer's out_features");
            for (double v : y) {
                TorchImport.targetProblem(lossKind, v).ifPresent(p -> {
                    throw new UserError("--sample " + s + ": " + p);
                });
            }
            set.add(new Sample(x, y));
        }
        return set;
    }

    private static double[] numbers(String sample, String part, int width, String what, String why) {
        String[] items = part.split(",", -1);
        if (items.length != width) {
            throw new UserError("--sample " + sample + ": " + items.length + " " + what + (items.length == 1 ? "" : "s")
                    + ", expected " + width + " (" + why + ")");
        }
        double[] v = new double[width];
        for (int i = 0; i < width; i++) {
            String t = items[i].strip();
            try {
                if (!t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new NumberFormatException();
                }
                v[i] = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new UserError("--sample " + sample + ": " + (t.isEmpty() ? "an empty " + what : "'" + t + "'")
                        + " is not a number");
            }
        }
        return v;
    }
}
