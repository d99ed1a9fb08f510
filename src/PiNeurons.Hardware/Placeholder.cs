namespace PiNeurons.Hardware;
