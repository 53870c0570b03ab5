{% comment %}
    Wagtail's own chooser lists hits of its Query model, which the portal never records;
    this one lists the portal's query report (search/popular_queries.py).
{% endcomment %}
function createQueryChooser(id) {
  var chooserElement = $('#' + id + '-chooser');
  var input = $('#' + id);

  chooserElement.on('click', function () {
    var initialUrl = '{% url "search_popular_queries" %}';

    ModalWorkflow({
      url: initialUrl,
      onload: QUERY_CHOOSER_MODAL_ONLOAD_HANDLERS,
      responses: {
        queryChosen: function (queryData) {
          input.val(queryData.querystring);
        },
      },
    });
  });
}
