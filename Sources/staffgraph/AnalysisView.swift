import StaffGraphCore
import StaffGraphIO
import StaffGraphReport

/// Exactly one layer, or a usage error naming the layers to choose from.
func singleLayer(_ input: InputOptions, _ network: Network, command: String) throws(InputError) -> Layer {
    let layers = try input.selectedLayers(of: network)
    if layers.count > 1 {
        let names = layers.map { "'\($0.key.description)'" }.joined(separator: "; ")
        throw InputError(.usage, file: input.edges, "\(command) analyses one relation in one wave, and the file has \(layers.count)",
                         hint: "choose one with --relation and --wave: \(names)")
    }
    return layers[0]
}
