namespace PiNeurons.Core;
