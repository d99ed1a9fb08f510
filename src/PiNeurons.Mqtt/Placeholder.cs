namespace PiNeurons.Mqtt;
