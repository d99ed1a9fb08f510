namespace PiNeurons.Testing;
