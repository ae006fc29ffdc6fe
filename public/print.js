// Pages sent without the app's JavaScript still get a working "Print" button.
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof Element && target.closest('.print-button')) window.print();
});
